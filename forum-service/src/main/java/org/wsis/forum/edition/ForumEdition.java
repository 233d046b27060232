package org.wsis.forum.edition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One yearly WSIS Forum. */
@Entity
@Table(name = "forum_edition")
public class ForumEdition extends PanacheEntityBase {
    @Id
    public int year;
    public String title;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    public String venue;
    public boolean hybrid;
    @Column(name = "created_by", updatable = false)
    public String createdBy;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
