package io.stowage.provider.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs presigned URLs with HMAC-SHA256 under a random secret that lives only in this
 * store's memory, and checks signatures in constant time.
 *
 * <p>Each signed field is written with its length first, so that no change of the key,
 * expiry or parameters can produce the same signed text.
 *
 * <pre>{@code
 * PresignSigner signer = PresignSigner.withRandomSecret();
 * String sig = signer.sign(request);
 * boolean ok = signer.verify(request, sig);
 * }</pre>
 */
final class PresignSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    private PresignSigner(byte[] secret) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    static PresignSigner withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new PresignSigner(secret);
    }

    /** The hex signature of {@code request}. */
    String sign(PresignedRequest request) {
        StringBuilder text = new StringBuilder();
        field(text, request.method());
        field(text, request.bucket());
        field(text, request.key());
        field(text, Long.toString(request.expires()));
        for (Map.Entry<String, String> e : request.params().entrySet()) {
            field(text, e.getKey());
            field(text, e.getValue());
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return S3Etag.hex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has " + ALGORITHM, e);
        }
    }

    /** Whether {@code signature} is the one this signer gives {@code request}. */
    boolean verify(PresignedRequest request, String signature) {
        byte[] expected = sign(request).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static void field(StringBuilder text, String value) {
        text.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n');
    }

    @Override
    public String toString() {
        return "PresignSigner(HmacSHA256, secret=***)";
    }
}
