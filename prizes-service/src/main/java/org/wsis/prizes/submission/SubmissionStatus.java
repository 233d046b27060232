package org.wsis.prizes.submission;

public enum SubmissionStatus {
    SUBMITTED, WITHDRAWN, NOMINATED
}
