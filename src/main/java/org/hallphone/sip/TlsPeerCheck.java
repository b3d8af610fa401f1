package org.hallphone.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's sockets, with a peer-name check inside every TLS handshake the terminal starts (review F19). JAIN-SIP
 * asks {@link TlsHostCheck} only for connections opened for a client transaction; an ACK to a 2xx or a response on a
 * new connection has none. Here the trust manager itself, during the handshake and before a byte of SIP is sent,
 * requires the server certificate (already valid for the trust store) to name a host that the terminal trusts
 * ({@link TrustedDomains}) and that resolves to the address connected to, or that address itself. The exact host of
 * a transaction's request is still checked by {@link TlsHostCheck}. Instantiated by the stack
 * ({@code gov.nist.javax.sip.NETWORK_LAYER}); the trusted domains come from {@link #trust}.
 */
public final class TlsPeerCheck implements NetworkLayer {

    private static final Logger LOG = LoggerFactory.getLogger(TlsPeerCheck.class);
    /** Connect time-out of new TCP/TLS connections, as JAIN-SIP's own network layers use (ms). */
    static final int CONNECT_TIMEOUT_MS = 8_000;
    private static volatile TrustedDomains trusted = new TrustedDomains(List.of(), "");

    private SSLSocketFactory clientFactory;
    private javax.net.ssl.SSLServerSocketFactory serverFactory;

    public TlsPeerCheck() {
        // instantiated by the stack
    }

    /** The domains whose names a TLS server certificate may carry (set by the SIP phone before its stack starts). */
    static void trust(TrustedDomains domains) {
        trusted = domains;
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        configure(stack.getConfigurationProperties());
    }

    /** Builds the TLS context from the stack's {@code javax.net.ssl.*} properties (see {@link TlsSettings}). */
    void configure(Properties properties) {
        try {
            SSLContext context = context(properties);
            clientFactory = context.getSocketFactory();
            serverFactory = context.getServerSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS set-up failed: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(Properties p) throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = null;
        String keyStore = p.getProperty("javax.net.ssl.keyStore");
        if (keyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = p.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray();
            kmf.init(load(keyStore, p.getProperty("javax.net.ssl.keyStoreType", "PKCS12"), password), password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        String trustStore = p.getProperty("javax.net.ssl.trustStore");
        tmf.init(trustStore == null ? null : load(trustStore, p.getProperty("javax.net.ssl.trustStoreType", "PKCS12"),
                p.getProperty("javax.net.ssl.trustStorePassword", "").toCharArray()));
        List<TrustManager> managers = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            managers.add(tm instanceof X509ExtendedTrustManager x ? new NameCheck(x) : tm);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), managers.toArray(TrustManager[]::new), null);
        return context;
    }

    private static KeyStore load(String file, String type, char[] password) throws GeneralSecurityException,
            IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }

    /** Why {@code cert} may not speak for {@code peer}, or null when it names a trusted host of that address. */
    static String refuse(X509Certificate cert, InetAddress peer, Resolver resolver, TrustedDomains domains) {
        List<String> candidates = new ArrayList<>();
        candidates.add(peer.getHostAddress());
        for (String name : resolver.namesFor(peer)) {
            if (domains.covers(name)) {
                candidates.add(name);
            }
        }
        for (String name : candidates) {
            if (TlsHostCheck.matches(cert, name)) {
                return null;
            }
        }
        return "TLS certificate of " + peer.getHostAddress() + " names none of " + candidates;
    }

    /** The trust store's verdict, then the name check (client side only). */
    private static final class NameCheck extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager chain;

        NameCheck(X509ExtendedTrustManager chain) {
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
                throws CertificateException {
            chain.checkServerTrusted(certs, authType, socket);
            String refused = socket == null || socket.getInetAddress() == null ? "TLS peer address unknown"
                    : refuse(certs[0], socket.getInetAddress(), Resolver.shared(), trusted);
            if (refused != null) {
                LOG.warn("{}", refused);
                throw new CertificateException(refused);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkServerTrusted(certs, authType, engine);
            String host = engine == null ? null : engine.getPeerHost();
            InetAddress peer = host == null ? null : Resolver.literal(host);
            String refused = peer == null ? "TLS peer address unknown"
                    : refuse(certs[0], peer, Resolver.shared(), trusted);
            if (refused != null) {
                LOG.warn("{}", refused);
                throw new CertificateException(refused);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            throw new CertificateException("TLS peer address unknown");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
                throws CertificateException {
            chain.checkClientTrusted(certs, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkClientTrusted(certs, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            chain.checkClientTrusted(certs, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }

    // ---- sockets, as JAIN-SIP's default and SSL network layers make them --------------------------------------

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return (SSLServerSocket) serverFactory.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return createSocket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        Socket socket = new Socket();
        if (myAddress != null) {
            socket.bind(new InetSocketAddress(myAddress, myPort));
        }
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return socket;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket socket = (SSLSocket) clientFactory.createSocket();
        if (myAddress != null) {
            socket.bind(new InetSocketAddress(myAddress, 0));
        }
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return socket;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return bindAddress == null ? new DatagramSocket(port) : new DatagramSocket(port, bindAddress);
    }
}
