package org.hallphone.sip;

import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;

/**
 * Who the terminal says it is in every request (docs/sip.md "Headers the terminal sends").
 *
 * @param displayName {@code terminal.name}, the From display name
 * @param user        account user part: {@code sip.user}, else {@code terminal.id}
 * @param authUser    digest user name: {@code sip.auth-user}, else {@link #user}
 * @param domain      {@code sip.domain}, else the registrar's host, else empty (the local address is used)
 * @param terminalId  {@code terminal.id}, sent as {@code X-Hallphone-Terminal}
 * @param location    {@code terminal.location}, sent as {@code X-Hallphone-Location} on INVITEs; empty: no header
 * @param userAgent   {@code Hallphone/<version>}, or {@code Hallphone} with {@code sip.send-version=false}
 */
record Identity(String displayName, String user, String authUser, String domain, String terminalId,
                String location, String userAgent) {

    static Identity of(KioskConfig config, String version) {
        SipConfig.Account account = config.sip().account();
        String user = account.user().isEmpty() ? config.terminal().id() : account.user();
        String authUser = account.authUser().isEmpty() ? user : account.authUser();
        String domain = !account.domain().isEmpty() ? account.domain() : HostPort.parse(account.registrar(), 0).host();
        return new Identity(config.terminal().name(), user, authUser, domain, config.terminal().id(),
                config.terminal().location(), account.sendVersion() ? "Hallphone/" + version : "Hallphone");
    }
}
