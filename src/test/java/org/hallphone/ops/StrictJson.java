package org.hallphone.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson set up to refuse what a monitoring client might choke on: text after the document, and a key given
 * twice in one object. The tests read {@code /health} through it, so an invalid answer fails them.
 */
final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** The document's root; fails the test (unchecked) when {@code text} is not one valid JSON document. */
    static JsonNode parse(String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root.isMissingNode()) {
                throw new AssertionError("no JSON document, only white space: '" + text + "'");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + e.getOriginalMessage() + " in " + text, e);
        }
    }
}
