import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * For running indicators-service alone (no Keycloak) in the benchmark: makes an RSA key pair,
 * writes the public key (base64 X.509, for quarkus.oidc.public-key) to PUBKEY_FILE and prints an
 * RS256 bearer token of agency ITU with role indicator-publisher, audience wsis-api, valid 2 hours.
 * Usage: java MintToken.java PUBKEY_FILE
 */
public class MintToken {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(Path.of(args[0]), Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"bench\",\"sub\":\"bench-agency-itu\",\"aud\":\"wsis-api\",\"iat\":" + now + ",\"exp\":" + (now + 7200)
                + ",\"agency\":\"ITU\",\"groups\":[\"indicator-publisher\"],\"realm_access\":{\"roles\":[\"indicator-publisher\"]}}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + url.encodeToString(signature.sign()));
    }
}
