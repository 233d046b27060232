package org.wsis.prizes.category;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the 18 prize categories; loaded by migration. */
@Entity
@Table(name = "category")
public class Category extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    @Column(name = "sort_order")
    public int sortOrder;
}
