package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject()
                .name("a").value(1)
                .name("b").beginObject().name("c").value(true).name("d").nullValue().endObject()
                .name("e").value((String) null)
                .name("f").beginObject().endObject()
                .endObject().toString();

        assertEquals("{\"a\":1,\"b\":{\"c\":true,\"d\":null},\"e\":null,\"f\":{}}", json);
    }

    @Test
    void escapesPerRfc8259() {
        String json = new JsonWriter().beginObject()
                .name("say \"hi\"").value("back\\slash\n\r\t\b\f\u0000\u001f/ё😀\ud800x")
                .endObject().toString();

        assertEquals("{\"say \\\"hi\\\"\":\"back\\\\slash\\n\\r\\t\\b\\f\\u0000\\u001f/ё😀\\ud800x\"}", json);
    }
}
