package com.quimbi.crm.notification.fanout;

/** Whatever holds this instance's agent sockets: gets every frame published on the fan-out channel. */
public interface LocalDelivery {

    void deliver(String agentId, FrameBus.NumberedFrame frame);

    /** Ends the agent's sockets on this instance (see {@link FrameBus#endSessions}). */
    void end(String agentId, String reason);
}
