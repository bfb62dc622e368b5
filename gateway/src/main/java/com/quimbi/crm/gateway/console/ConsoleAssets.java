package com.quimbi.crm.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's files, read once at start-up: {@code index.html} with its placeholders filled in, and the
 * fingerprint of everything under {@code console/assets/} (SHA-256 over names and bytes). The assets are served
 * under {@code /assets/<fingerprint>/}, so a browser may keep them for a year and still never mixes two
 * releases: every relative ES-module import stays inside one fingerprinted directory, and a new release has a
 * new {@code index.html} (never cached) pointing at a new directory.
 */
public final class ConsoleAssets {

    static final String ASSETS = "console/assets/";

    private final String fingerprint;
    private final String indexHtml;

    private ConsoleAssets(String fingerprint, String indexHtml) {
        this.fingerprint = fingerprint;
        this.indexHtml = indexHtml;
    }

    /** Null when the console module is not on the classpath (the gateway then serves the API only). */
    static ConsoleAssets load(ResourcePatternResolver resolver, String issuer, String clientId) {
        try {
            Resource index = resolver.getResource("classpath:/console/index.html");
            if (!index.exists()) {
                return null;
            }
            Resource[] assets = resolver.getResources("classpath*:" + ASSETS + "**");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Arrays.stream(assets).filter(ConsoleAssets::isFile)
                    .sorted(Comparator.comparing(ConsoleAssets::relativeName))
                    .forEach(asset -> digest(sha, asset));
            String fingerprint = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            String html;
            try (InputStream in = index.getInputStream()) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            html = html.replace("{{assets}}", "/assets/" + fingerprint)
                    .replace("{{issuer}}", HtmlUtils.htmlEscape(issuer))
                    .replace("{{clientId}}", HtmlUtils.htmlEscape(clientId));
            return new ConsoleAssets(fingerprint, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's files", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String indexHtml() {
        return indexHtml;
    }

    private static boolean isFile(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return !url.endsWith("/") && resource.isReadable() && resource.contentLength() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String relativeName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf(ASSETS) + ASSETS.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void digest(MessageDigest sha, Resource asset) {
        try (InputStream in = asset.getInputStream()) {
            sha.update(relativeName(asset).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(in.readAllBytes());
            sha.update((byte) 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + asset, e);
        }
    }
}
