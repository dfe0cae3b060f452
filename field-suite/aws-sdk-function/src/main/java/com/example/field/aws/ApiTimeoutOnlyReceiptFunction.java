package com.example.field.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * {@link ReceiptFunction} with its clients bounded by the SDK's own timers only: an API call timeout (all attempts
 * and the back-off between them, 10 s) and an API call attempt timeout (3 s), both below the function's 15 s
 * timeout, set on {@link ClientOverrideConfiguration} as the SDK's guide on timeouts shows, while the HTTP clients
 * keep their defaults (a 30 s socket timeout). The SDK aborts a call that outlasts either timer, whatever the HTTP
 * client's socket timeout, so every call is over, retries included, well before Lambda's deadline: correct, and not
 * a finding, although the socket timeout alone would outlast the function.
 */
public class ApiTimeoutOnlyReceiptFunction implements RequestHandler<Map<String, String>, String> {

    private static final Region REGION = Region.of(System.getenv(SdkSystemSetting.AWS_REGION.environmentVariable()));
    private static final String TABLE = System.getenv().getOrDefault("ORDERS_TABLE", "orders");

    /** The function's timeout is 15 s: the SDK ends every call within 10 s, each attempt within 3 s. */
    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(10))
            .apiCallAttemptTimeout(Duration.ofSeconds(3))
            .build();

    // The HTTP clients at their defaults (socketTimeout 30 s): the SDK's call timers above bound every request.
    private static final S3Client S3 = S3Client.builder()
            .region(REGION)
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(Apache5HttpClient.create())
            .overrideConfiguration(TIMEOUTS)
            .applyMutation(b -> Endpoints.s3().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true)))
            .build();

    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .region(REGION)
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(TIMEOUTS)
            .applyMutation(b -> Endpoints.dynamoDb().ifPresent(b::endpointOverride))
            .build();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String bucket = event.get("bucket");
        String key = event.get("key");
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        byte[] csv = S3.getObject(get, ResponseTransformer.toBytes()).asByteArray(); // field: s3-get-api-timeouts
        Receipt receipt = Receipt.parse(key, csv);
        PutItemRequest put = PutItemRequest.builder().tableName(TABLE).item(receipt.item(bucket, key)).build();
        DYNAMO.putItem(put); // field: dynamo-put-api-timeouts
        context.getLogger().log("stored " + receipt.orderId() + " from s3://" + bucket + "/" + key);
        return receipt.summary(TABLE);
    }
}
