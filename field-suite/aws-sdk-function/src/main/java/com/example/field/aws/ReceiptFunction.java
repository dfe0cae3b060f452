package com.example.field.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Reads a till receipt from S3 and stores its totals as an order item in DynamoDB; the event names the object:
 * {@code {"bucket": "receipts", "key": "2024/06/order-1001.csv"}}.
 *
 * <p>The clients are made once, outside the handler, as AWS's Lambda best practices say (region and credentials
 * from the variables Lambda sets, an HTTP client named on each builder), but with the SDK's DEFAULT timeouts: no
 * API call timeout and a 30 s socket timeout on both HTTP clients, while the function's timeout is 15 s. When S3
 * or DynamoDB stops answering mid-response, Lambda kills the invocation before the SDK's timeout fires, so no retry
 * and no error handling ever run. {@link TunedReceiptFunction} is the same function with the timeouts AWS
 * recommends for Lambda.
 *
 * <p>{@link Endpoints} points the clients at the local fakes of S3 and DynamoDB the integration test starts (the
 * real services cannot be reached from the test machine); S3 then takes path-style requests.
 */
public class ReceiptFunction implements RequestHandler<Map<String, String>, String> {

    private static final Region REGION = Region.of(System.getenv(SdkSystemSetting.AWS_REGION.environmentVariable()));
    private static final String TABLE = System.getenv().getOrDefault("ORDERS_TABLE", "orders");

    // The mistake: both clients keep the SDK's defaults, no apiCallTimeout and a 30 s socketTimeout, longer than
    // the 15 s the function has. S3 on the SDK's default HTTP client, Apache5HttpClient.
    private static final S3Client S3 = S3Client.builder()
            .region(REGION)
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(Apache5HttpClient.create())
            .applyMutation(b -> Endpoints.s3().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true)))
            .build();

    // DynamoDB on the lighter URLConnection-based client, also at its defaults.
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .region(REGION)
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .applyMutation(b -> Endpoints.dynamoDb().ifPresent(b::endpointOverride))
            .build();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String bucket = event.get("bucket");
        String key = event.get("key");
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        byte[] csv = S3.getObject(get, ResponseTransformer.toBytes()).asByteArray(); // field: s3-get-default
        Receipt receipt = Receipt.parse(key, csv);
        PutItemRequest put = PutItemRequest.builder().tableName(TABLE).item(receipt.item(bucket, key)).build();
        DYNAMO.putItem(put); // field: dynamo-put-default
        context.getLogger().log("stored " + receipt.orderId() + " from s3://" + bucket + "/" + key);
        return receipt.summary(TABLE);
    }
}
