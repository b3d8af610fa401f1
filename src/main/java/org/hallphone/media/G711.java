package org.hallphone.media;

/**
 * ITU-T G.711 µ-law and A-law, table driven: decoding is one lookup in a 256-entry table, encoding one lookup
 * in a table indexed by the top 14 (µ-law) or 13 (A-law) bits of the linear sample. The tables are built once
 * from the segment rules of G.711 §2 (µ-law bias 0x84 = 132, clip 32635; A-law segments of 13-bit magnitude).
 */
final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    /** Indexed by the 16-bit sample shifted right by 2, as unsigned 14 bits. */
    private static final byte[] LINEAR_TO_ULAW = new byte[1 << 14];
    /** Indexed by the 16-bit sample shifted right by 3, as unsigned 13 bits. */
    private static final byte[] LINEAR_TO_ALAW = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) ulawDecode(code);
            ALAW_TO_LINEAR[code] = (short) alawDecode(code);
        }
        for (int i = 0; i < LINEAR_TO_ULAW.length; i++) {
            int sample = (short) (i << 2); // sign-extends the 14-bit index back to a 16-bit sample
            LINEAR_TO_ULAW[i] = (byte) ulawEncode(sample);
        }
        for (int i = 0; i < LINEAR_TO_ALAW.length; i++) {
            int sample = (short) (i << 3);
            LINEAR_TO_ALAW[i] = (byte) alawEncode(sample);
        }
    }

    private G711() {
    }

    static byte encode(Codec codec, short sample) {
        return codec == Codec.PCMU
                ? LINEAR_TO_ULAW[(sample >> 2) & 0x3FFF]
                : LINEAR_TO_ALAW[(sample >> 3) & 0x1FFF];
    }

    static short decode(Codec codec, byte code) {
        return codec == Codec.PCMU ? ULAW_TO_LINEAR[code & 0xFF] : ALAW_TO_LINEAR[code & 0xFF];
    }

    static byte[] encode(Codec codec, short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(codec, samples[i]);
        }
        return out;
    }

    static short[] decode(Codec codec, byte[] codes, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = decode(codec, codes[offset + i]);
        }
        return out;
    }

    /** G.711 §2.2 µ-law: sign, 3-bit segment (exponent), 4-bit step, all bits inverted on the line. */
    private static int ulawEncode(int sample) {
        int sign = 0;
        int magnitude = sample;
        if (magnitude < 0) {
            sign = 0x80;
            magnitude = -magnitude;
        }
        magnitude = Math.min(magnitude, ULAW_CLIP) + ULAW_BIAS;
        // segment = position of the highest set bit above bit 7 (magnitude is in [0x84, 0x7FFF])
        int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return ~(sign | (exponent << 4) | mantissa) & 0xFF;
    }

    private static int ulawDecode(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** G.711 §2.1 A-law on the 13-bit magnitude; even bits inverted on the line (XOR 0x55, sign bit set = +). */
    private static int alawEncode(int sample) {
        int value = sample >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > (0x20 << segment) - 1) {
            segment++;
        }
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (code ^ mask) & 0xFF;
    }

    private static int alawDecode(int code) {
        int a = code ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            magnitude += 8;
        } else {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
