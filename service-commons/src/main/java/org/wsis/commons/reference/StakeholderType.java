package org.wsis.commons.reference;

/**
 * The WSIS stakeholder types every service uses (youth is a target group, not a type). {@link #OTHER} exists
 * because the stocktaking reports count entries whose organisation fits none of the six.
 */
public enum StakeholderType {
    GOVERNMENT("Government"),
    PRIVATE_SECTOR("Private sector"),
    CIVIL_SOCIETY("Civil society"),
    INTERNATIONAL_ORGANISATION("International organisation"),
    ACADEMIA("Academia"),
    TECHNICAL_COMMUNITY("Technical community"),
    OTHER("Other");

    private final String title;

    StakeholderType(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
