package org.hallphone.archfixture.ui;

import com.sun.net.httpserver.HttpServer;

/** A ui class that uses the JDK's HTTP server, which only ops may. */
public final class ServesHttp {

    public Class<?> server() {
        return HttpServer.class;
    }
}
