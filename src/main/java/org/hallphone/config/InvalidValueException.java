package org.hallphone.config;

/** A value that does not fit its key; the message says what is wrong and what would be right. */
final class InvalidValueException extends Exception {

    InvalidValueException(String message) {
        super(message);
    }
}
