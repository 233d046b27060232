package org.wsis.prizes.edition;

/** The dated phases of an edition, in order. The phase in force decides what is allowed. */
public enum Phase {
    NOT_STARTED, SUBMISSION, REVIEW, NOMINATION, VOTING, RESULTS
}
