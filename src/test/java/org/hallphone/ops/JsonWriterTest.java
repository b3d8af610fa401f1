package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
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

    @Test
    void aJsonParserReadsBackWhatWasWritten() {
        String awkward = "back\\slash \"quoted\"\n\r\t\b\f\u0000\u001f/ё😀";
        String json = new JsonWriter().beginObject()
                .name("text").value(awkward)
                .name("n").value(-42)
                .name("inner").beginObject().name("x").value(false).endObject()
                .endObject().toString();

        JsonNode read = StrictJson.parse(json);

        assertEquals(awkward, read.get("text").textValue());
        assertEquals(-42, read.get("n").longValue());
        assertEquals(BooleanNode.FALSE, read.get("inner").get("x"));
    }
}
