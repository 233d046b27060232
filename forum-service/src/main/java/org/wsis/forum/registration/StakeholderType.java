package org.wsis.forum.registration;

/** The WSIS stakeholder types (youth is a target group, not a type). */
public enum StakeholderType {
    GOVERNMENT,
    PRIVATE_SECTOR,
    CIVIL_SOCIETY,
    INTERNATIONAL_ORGANISATION,
    ACADEMIA,
    TECHNICAL_COMMUNITY
}
