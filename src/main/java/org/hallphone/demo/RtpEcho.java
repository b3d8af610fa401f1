package org.hallphone.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends every RTP packet it receives back to the caller, re-stamped as its own RTP source (its own SSRC, sequence
 * numbers and timestamps, as an independent source must, RFC 3550 §8), so the patient hears themselves. Runs on a
 * daemon thread of its own until the socket is closed.
 */
final class RtpEcho implements Runnable {

    /** Fixed RTP header (RFC 3550 §5.1). */
    private static final int HEADER = 12;

    private final DatagramSocket socket;
    private final InetSocketAddress caller;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private int timestamp = ThreadLocalRandom.current().nextInt();
    private Integer lastCallerTimestamp;

    private RtpEcho(DatagramSocket socket, InetSocketAddress caller) {
        this.socket = socket;
        this.caller = caller;
    }

    static void start(DatagramSocket socket, InetSocketAddress caller) {
        Thread t = new Thread(new RtpEcho(socket, caller), "demo-echo");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                if (in.getLength() >= HEADER && (buf[0] & 0xc0) == 0x80) {
                    restamp(buf);
                    socket.send(new DatagramPacket(buf, in.getLength(), caller));
                }
            } catch (IOException e) {
                return; // closed with the call
            }
        }
    }

    /** Our sequence number, a timestamp that advances as the caller's does, and our SSRC. */
    private void restamp(byte[] packet) {
        int callerTimestamp = readInt(packet, 4);
        if (lastCallerTimestamp != null) {
            timestamp += callerTimestamp - lastCallerTimestamp;
        }
        lastCallerTimestamp = callerTimestamp;
        sequence = (sequence + 1) & 0xffff;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        writeInt(packet, 4, timestamp);
        writeInt(packet, 8, ssrc);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static void writeInt(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >> (24 - 8 * i));
        }
    }
}
