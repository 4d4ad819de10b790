package io.stowage.awssupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;

/**
 * The SDK Netty client's proxy configuration for the proxy the settings name
 * ({@code StoreSettings.proxy()}): scheme, host, port (80 or 443 when the URI has none) and
 * the percent-decoded user and password of its user info. The settings' proxy wins over
 * {@code http(s).proxyHost} and {@code HTTP(S)_PROXY}.
 *
 * <pre>{@code
 * settings.proxy().ifPresent(uri -> http.proxyConfiguration(AwsProxy.configuration(uri)));
 * }</pre>
 */
public final class AwsProxy {

    private AwsProxy() {
    }

    /** The configuration for a proxy URI such as {@code http://user:p%40ss@proxy:3128}. */
    public static ProxyConfiguration configuration(URI proxy) {
        String scheme = proxy.getScheme() == null ? "http" : proxy.getScheme();
        int port = proxy.getPort() != -1 ? proxy.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 80);
        ProxyConfiguration.Builder b = ProxyConfiguration.builder()
                .scheme(scheme)
                .host(proxy.getHost())
                .port(port)
                .useSystemPropertyValues(false)
                .useEnvironmentVariableValues(false);
        String userInfo = proxy.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            b.username(percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                b.password(percentDecode(userInfo.substring(colon + 1)));
            }
        }
        return b.build();
    }

    /** Percent-decoding only: URLDecoder alone would turn a literal '+' of user info into a space. */
    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
