package dev.brokersandbox.runtime.rabbit;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.AMQType;
import org.apache.qpid.server.protocol.v0_8.AMQTypedValue;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.FieldTableFactory;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;
import org.apache.qpid.server.protocol.v0_8.transport.ContentHeaderBody;

/**
 * A message's header table with some entries put in, and the others kept exactly as the publisher
 * encoded them. Qpid decodes a table to Java values and loses AMQP types on the way back (a
 * timestamp comes back as a long), so the entries left alone are copied as bytes.
 */
final class HeaderTable {

    // Which properties a 0-9-1 content header carries, by flag; the first three in their order on the wire.
    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;

    private HeaderTable() {
    }

    /**
     * The header table of {@code properties} as it was encoded, or null without one. Qpid hands it out
     * only decoded (and copies of the properties re-encode it from that), so it is read from the
     * encoded property list: content-type and content-encoding (short strings), then the headers.
     */
    static FieldTable of(BasicContentHeaderProperties properties) {
        int flags = properties.getPropertyFlags();
        if ((flags & HEADERS) == 0) {
            return null;
        }
        byte[] list = new byte[properties.getPropertyListSize()];
        try (QpidByteBuffer out = QpidByteBuffer.wrap(list)) {
            properties.writePropertyListPayload(out);
        }
        try (QpidByteBuffer in = QpidByteBuffer.wrap(list)) {
            if ((flags & CONTENT_TYPE) != 0) {
                AMQShortString.readAMQShortString(in);
            }
            if ((flags & CONTENT_ENCODING) != 0) {
                AMQShortString.readAMQShortString(in);
            }
            byte[] table = new byte[in.getInt()];
            in.get(table);
            return FieldTableFactory.createFieldTable(QpidByteBuffer.wrap(table));
        }
    }

    /**
     * {@code message} as a consumer gets it, with {@code entries} put in its headers and only the other
     * headers whose type {@code keep} accepts; the stored message is shared, not copied.
     */
    static AMQMessage delivered(AMQMessage message, Map<String, Object> entries, Predicate<AMQType> keep) {
        BasicContentHeaderProperties published = message.getContentHeaderBody().getProperties();
        BasicContentHeaderProperties properties = new BasicContentHeaderProperties(published);
        properties.setHeaders(with(of(published), entries, keep));
        ContentHeaderBody header = new ContentHeaderBody(properties, message.getSize());
        return new AMQMessage(message.getStoredMessage(), message.getConnectionReference()) {
            @Override
            public ContentHeaderBody getContentHeaderBody() {
                return header;
            }
        };
    }

    /** {@code headers} (null: none) with {@code entries} put in, replacing entries of the same names. */
    static FieldTable with(FieldTable headers, Map<String, Object> entries) {
        return with(headers, entries, type -> true);
    }

    /** {@link #with(FieldTable, Map)}, keeping only the other entries whose type {@code keep} accepts. */
    static FieldTable with(FieldTable headers, Map<String, Object> entries, Predicate<AMQType> keep) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        copy(headers, (name, type) -> !entries.containsKey(name) && keep.test(type), table);
        table.writeBytes(FieldTable.convertToFieldTable(entries).getDataAsBytes());
        return FieldTableFactory.createFieldTable(QpidByteBuffer.wrap(table.toByteArray()));
    }

    /** {@code headers} (null: none) without the entry {@code name}; the others keep their encoding. */
    static FieldTable without(FieldTable headers, String name) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        copy(headers, (entry, type) -> !entry.equals(name), table);
        return FieldTableFactory.createFieldTable(QpidByteBuffer.wrap(table.toByteArray()));
    }

    /** Writes the encoded entries of {@code headers} that {@code keep} accepts (by name and type) to {@code table}. */
    private static void copy(FieldTable headers, BiPredicate<String, AMQType> keep, ByteArrayOutputStream table) {
        if (headers == null) {
            return;
        }
        byte[] encoded = headers.getDataAsBytes();
        try (QpidByteBuffer buffer = QpidByteBuffer.wrap(encoded)) {
            while (buffer.hasRemaining()) {
                int start = buffer.position();
                String name = AMQShortString.readAMQShortStringAsString(buffer);
                AMQType type = AMQTypedValue.readFromBuffer(buffer).getType();
                if (keep.test(name, type)) {
                    table.write(encoded, start, buffer.position() - start);
                }
            }
        }
    }
}
