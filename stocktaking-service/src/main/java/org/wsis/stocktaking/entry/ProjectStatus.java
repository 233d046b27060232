package org.wsis.stocktaking.entry;

/** Where the project itself stands (not the entry's moderation status). */
public enum ProjectStatus {
    PLANNED, ONGOING, COMPLETED
}
