package org.wsis.stocktaking.entry;

/** The moderation lifecycle: draft → submitted → published or returned for changes → archived. */
public enum EntryStatus {
    DRAFT, SUBMITTED, PUBLISHED, RETURNED, ARCHIVED
}
