package dev.brokersandbox.compat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The fields of a method or header, in AMQP's encoding. */
final class Payload {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream data = new DataOutputStream(bytes);

    Payload u8(int value) throws IOException {
        data.writeByte(value);
        return this;
    }

    Payload u16(int value) throws IOException {
        data.writeShort(value);
        return this;
    }

    Payload u32(int value) throws IOException {
        data.writeInt(value);
        return this;
    }

    Payload u64(long value) throws IOException {
        data.writeLong(value);
        return this;
    }

    Payload shortString(String value) throws IOException {
        byte[] utf8 = value.getBytes(UTF_8);
        data.writeByte(utf8.length);
        data.write(utf8);
        return this;
    }

    Payload longString(String value) throws IOException {
        byte[] utf8 = value.getBytes(UTF_8);
        data.writeInt(utf8.length);
        data.write(utf8);
        return this;
    }

    /** An empty field table. */
    Payload table() throws IOException {
        return u32(0);
    }

    Payload bytes(byte[] more) throws IOException {
        data.write(more);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
