package org.wsis.stocktaking.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A WSIS action line (C1-C11, and C7's applications such as C7.E-HEALTH); loaded by migration. */
@Entity
@Table(name = "action_line")
public class ActionLine extends PanacheEntityBase {
    @Id
    public String code;

    @Column(name = "parent_code")
    public String parentCode;

    public String name;

    @Column(name = "lead_agencies")
    public String leadAgencies;
}
