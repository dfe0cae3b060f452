/**
 * The PDF-splitting job from the "Serverless is Stateless" field report, ported to Java as AWS Lambda
 * handlers ({@code RequestHandler<Map<String, Object>, Map<String, Object>>}), and a report job that waits
 * for an archive export.
 *
 * <p>{@link com.example.documents.DocumentSplitHandler} is the code as it ran on a server: it splits each
 * document into page files under {@code /tmp/pages-<uuid>/} and never deletes them (Lambda keeps {@code /tmp}
 * between warm invocations, so an invocation fails hours later with "No space left on device"), extracts
 * the text on a thread that dies of an exception nobody sees, returns while its upload thread still runs,
 * answers a malformed event by throwing, and exits the JVM on a document that is too big.
 * {@link com.example.documents.FixedDocumentSplitHandler} is its corrected twin.
 *
 * <p>{@link com.example.documents.StuckReportHandler} joins the thread that exports a month of sales with
 * no timeout, and the export takes longer than the function may run: the platform kills the invocation.
 * {@link com.example.documents.FixedStuckReportHandler} joins with a timeout taken from
 * {@code Context.getRemainingTimeInMillis()} and answers an error in time.
 */
package com.example.documents;
