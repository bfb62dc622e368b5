package com.quimbi.crm.notification.delivery;

/** A delivery's state. On the wire: the lower-case name. */
public enum DeliveryStatus {
    /** waiting for its batch window, its destination's rate, a 429's Retry-After or a backoff */
    PENDING,
    SENT,
    /** the last retry failed, or Slack/SMTP refused for good; a supervisor may retry it */
    FAILED
}
