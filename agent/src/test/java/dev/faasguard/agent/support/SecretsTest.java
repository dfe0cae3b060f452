package dev.faasguard.agent.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void userInfoIsMaskedWithOrWithoutAPassword() {
        assertEquals("fetching https://***@example.com:8443/x failed",
                Secrets.mask("fetching https://alice:hunter2@example.com:8443/x failed"));
        assertEquals("git clone https://***@github.com/o/r", Secrets.mask("git clone https://ghp_token123@github.com/o/r"));
    }

    @Test
    void queryValuesNamedLikeSecretsAreMaskedWhateverTheCase() {
        for (String name : List.of("token", "access_token", "api_key", "key", "signature", "X-Amz-Signature",
                "X-Amz-Credential", "X-Amz-Security-Token", "password", "secret", "client_secret", "TOKEN", "Api_Key",
                "sig", "apiKey")) {
            assertEquals("https://h/p?page=2&" + name + "=***&sort=asc",
                    Secrets.mask("https://h/p?page=2&" + name + "=s3cr3t%2Fvalue&sort=asc"), name);
            assertEquals("https://h/p?" + name + "=***#top", Secrets.mask("https://h/p?" + name + "=s3cr3t#top"), name);
        }
    }

    @Test
    void otherParametersAndTextStayAsTheyAre() {
        assertEquals("https://h/p?page=2&sort=asc&design=x", Secrets.mask("https://h/p?page=2&sort=asc&design=x"));
        String plain = "Opening for write /var/task/users.json";
        assertSame(plain, Secrets.mask(plain));
        assertEquals("user@example.com wrote a=b", Secrets.mask("user@example.com wrote a=b"));
    }

    @Test
    void detailsAreMaskedThroughListsAndMaps() {
        assertEquals(Map.of("calls", List.of("https://***@h/", 3L)),
                Secrets.maskValue(Map.of("calls", List.of("https://u:p@h/", 3L))));
        List<Object> nothingToMask = List.of("https://h/p?page=2", 3L);
        assertSame(nothingToMask, Secrets.maskValue(nothingToMask));
    }
}
