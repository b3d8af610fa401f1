package org.hallphone.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hallphone.config.ProvisioningConfig;

/**
 * Fetches one central file over HTTP(S) with conditional requests (If-None-Match / If-Modified-Since), so that an
 * unchanged file costs a 304, and keeps the last good copy of each file on disk with its validators. A fetched file
 * becomes the kept copy only when {@link #keep} is called, after the whole configuration has been checked.
 */
final class ProvisioningClient {

    /** Central files larger than this are refused: a configuration is a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One central file as fetched or kept.
     *
     * @param name     {@code common.properties} or {@code <terminal.id>.properties}
     * @param url      where it comes from (how messages name it)
     * @param text     its text; empty when the server has no such file (404)
     * @param etag     the server's ETag, or empty
     * @param modified the server's Last-Modified, or empty
     * @param fresh    true when the server sent a new body (200 or 404), false for a 304 or a kept copy
     */
    record File(String name, URI url, String text, String etag, String modified, boolean fresh) {
    }

    private final HttpClient http;
    private final Path cacheDir;
    private final URI base;

    ProvisioningClient(ProvisioningConfig config) throws IOException {
        this.base = config.url();
        this.cacheDir = config.cacheDir();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.caFile() != null || config.clientCert() != null) {
            builder.sslContext(sslContext(config));
        }
        this.http = builder.build();
    }

    /** Fetches {@code name} from the server, conditionally on the kept copy; IOException when it cannot. */
    File fetch(String name, Duration timeout) throws IOException, InterruptedException {
        URI url = base.resolve(name);
        Optional<File> kept = kept(name);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("User-Agent", "Hallphone provisioning");
        kept.ifPresent(file -> {
            if (!file.etag().isEmpty()) {
                request.header("If-None-Match", file.etag());
            }
            if (!file.modified().isEmpty()) {
                request.header("If-Modified-Since", file.modified());
            }
        });
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304 && kept.isPresent()) {
                return kept.get();
            }
            if (status == 404) {
                return new File(name, url, "", "", "", true);
            }
            if (status != 200) {
                throw new IOException(url + ": the server answered HTTP " + status);
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(url + ": larger than " + MAX_BYTES + " bytes; not a configuration file");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(url + ": not UTF-8 text");
            }
            return new File(name, url, text, response.headers().firstValue("ETag").orElse(""),
                    response.headers().firstValue("Last-Modified").orElse(""), true);
        }
    }

    /** The last good copy of {@code name}, if one was kept. */
    Optional<File> kept(String name) throws IOException {
        Path text = cacheDir.resolve(name);
        if (!Files.isRegularFile(text)) {
            return Optional.empty();
        }
        String etag = "";
        String modified = "";
        Path meta = cacheDir.resolve(name + ".validators");
        if (Files.isRegularFile(meta)) {
            List<String> lines = Files.readAllLines(meta, StandardCharsets.UTF_8);
            etag = lines.size() > 0 ? lines.get(0) : "";
            modified = lines.size() > 1 ? lines.get(1) : "";
        }
        return Optional.of(new File(name, base.resolve(name), Files.readString(text, StandardCharsets.UTF_8), etag,
                modified, false));
    }

    /** Makes {@code file} the kept copy (written to a temporary file, forced to disk, then renamed over). */
    void keep(File file) throws IOException {
        Files.createDirectories(cacheDir);
        write(cacheDir.resolve(file.name()), file.text());
        write(cacheDir.resolve(file.name() + ".validators"), file.etag() + "\n" + file.modified() + "\n");
    }

    private static void write(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".new");
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(text));
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** TLS with the pinned authority (only it is trusted) and the terminal's client certificate, as configured. */
    private static SSLContext sslContext(ProvisioningConfig config) throws IOException {
        try {
            TrustManagerFactory trust = null;
            if (config.caFile() != null) {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                List<Certificate> certificates = new ArrayList<>();
                try (InputStream in = Files.newInputStream(config.caFile())) {
                    certificates.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
                }
                if (certificates.isEmpty()) {
                    throw new IOException(config.caFile() + ": no certificate in it");
                }
                for (int i = 0; i < certificates.size(); i++) {
                    anchors.setCertificateEntry("ca" + i, certificates.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (config.clientCert() != null) {
                char[] password = config.clientCertPassword().value().toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(config.clientCert())) {
                    store.load(in, password);
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("provisioning TLS set-up failed: " + e.getMessage(), e);
        }
    }
}
