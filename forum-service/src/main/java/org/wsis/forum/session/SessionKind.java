package org.wsis.forum.session;

/** The kinds of sessions the WSIS Forum holds. */
public enum SessionKind {
    HIGH_LEVEL_POLICY,
    THEMATIC_WORKSHOP,
    ACTION_LINE_FACILITATION,
    INTERACTIVE,
    EXHIBITION,
    HACKATHON,
    PRIZE_CEREMONY
}
