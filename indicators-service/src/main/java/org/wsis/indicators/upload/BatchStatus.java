package org.wsis.indicators.upload;

/**
 * Where a batch is: RECEIVED, then VALIDATING (rows staged and checked), then PUBLISHING, and one of the
 * final states PUBLISHED, REJECTED (rows failed validation; nothing published) or FAILED (the job died or
 * broke; nothing published). Stored by name in {@code batch.status}.
 */
public enum BatchStatus {
    RECEIVED, VALIDATING, PUBLISHING, PUBLISHED, REJECTED, FAILED;

    public boolean finished() {
        return this == PUBLISHED || this == REJECTED || this == FAILED;
    }
}
