package io.semisync.protocol.framing;

/**
 * The sequence id shared by both directions of one connection. Every packet, sent or received, takes the
 * next id (wrapping after 255); a command starts again at 0. Used from the channel's event loop only.
 */
public final class PacketSequence
{
    private static final int MASK = 0xFF;

    private int next;
    private boolean followPeer;
    private boolean ignorePeer;

    /** Starts a new exchange: the next packet sent carries id 0, and received ids count again ({@link #ignorePeer}). */
    public void reset()
    {
        next = 0;
        ignorePeer = false;
    }

    /** The id for the next packet sent, advancing the sequence. */
    public int nextOutbound()
    {
        final int id = next;
        next = (next + 1) & MASK;
        return id;
    }

    /** Checks the id of a received packet and advances the sequence past it. */
    public void acceptInbound(final int id)
    {
        if (ignorePeer)
        {
            return;
        }
        if (!followPeer && id != next)
        {
            throw new PacketSequenceException(next, id);
        }
        next = (id + 1) & MASK;
    }

    /**
     * Stops checking received ids and adopts whatever the peer sends. For streams where the client writes
     * packets of its own numbering in between (the semisync ACK always goes out with id 0).
     */
    public void followPeer()
    {
        followPeer = true;
    }

    /**
     * Neither checks nor counts received ids until {@link #reset}: the peer numbers the packets it writes in between by itself (a
     * semisync replica's ACKs, each numbered 0), and the ids sent are this side's alone ({@link #restartAt}).
     */
    public void ignorePeer()
    {
        ignorePeer = true;
    }

    /** The next packet sent carries {@code id}. */
    public void restartAt(final int id)
    {
        next = id & MASK;
    }

    /** The id the next packet, in either direction, is expected to carry. */
    public int expected()
    {
        return next;
    }
}
