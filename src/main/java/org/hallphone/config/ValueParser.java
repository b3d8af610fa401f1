package org.hallphone.config;

import java.nio.file.Path;

/** Turns the text of one key into its typed value. */
@FunctionalInterface
interface ValueParser<T> {

    /**
     * @param text    the value, already unescaped and trimmed
     * @param baseDir the folder relative paths are resolved against (the configuration file's folder)
     */
    T parse(String text, Path baseDir) throws InvalidValueException;
}
