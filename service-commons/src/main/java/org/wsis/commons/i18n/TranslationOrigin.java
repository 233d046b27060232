package org.wsis.commons.i18n;

/**
 * Who wrote a language version of a text people wrote (an entry, a session, a prize category): the owner
 * themselves, a person translating it, or a machine. Readers are told, so a machine translation is never
 * taken for the owner's words.
 */
public enum TranslationOrigin {
    /** Written by the owner of the text in this language. */
    OWNER,
    /** Translated by a person. */
    HUMAN,
    /** Machine translated. */
    MACHINE
}
