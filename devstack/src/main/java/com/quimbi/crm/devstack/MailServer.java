package com.quimbi.crm.devstack;

import java.util.Locale;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail (SMTP + IMAP, in this JVM) as the local mailbox: the support address {@link #SUPPORT_ADDRESS} exists
 * with the password {@link #SUPPORT_PASSWORD}; any other address gets a mailbox on first delivery (login and
 * password = the address), so a test or a developer can read "the customer's" inbox over IMAP. Like Gmail and
 * most hosted mailboxes, {@code local+tag@domain} is delivered to {@code local@domain} (the reply-to
 * plus-address integration-service puts on outbound mail). Mail is kept in memory only.
 */
public final class MailServer implements AutoCloseable {

    public static final String SUPPORT_ADDRESS = "support@crm.local";
    public static final String SUPPORT_LOGIN = "support@crm.local";
    /** dev only: the local mailbox holds nothing worth protecting */
    public static final String SUPPORT_PASSWORD = "support-dev-password";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Ports 0 pick free ones. */
    public static MailServer start(int smtpPort, int imapPort) {
        int smtp = Ports.requireFree(Ports.orFree(smtpPort), "mail smtp");
        int imap = Ports.requireFree(Ports.orFree(imapPort), "mail imap");
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> {
            String email = baseAddress(address.getEmail());
            GreenMailUser user = users.getUserByEmail(email);
            return user != null ? user : users.createUser(email, email, email);
        });
        greenMail.setUser(SUPPORT_ADDRESS, SUPPORT_LOGIN, SUPPORT_PASSWORD);
        MailServer server = new MailServer(greenMail, smtp, imap);
        Reaper.register(server);
        return server;
    }

    /** {@code local+tag@domain} → {@code local@domain}, lower case. */
    static String baseAddress(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        int plus = lower.indexOf('+');
        return plus > 0 && plus < at ? lower.substring(0, plus) + lower.substring(at) : lower;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The underlying GreenMail, for tests that read a mailbox or wait for deliveries. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** smtp://127.0.0.1:3025, imap://127.0.0.1:3143 */
    public String url() {
        return "smtp://" + host() + ":" + smtpPort + ", imap://" + host() + ":" + imapPort;
    }

    @Override
    public void close() {
        Reaper.unregister(this);
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "mail (GreenMail) smtp " + smtpPort + ", imap " + imapPort;
    }
}
