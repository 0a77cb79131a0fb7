package io.buddykit.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Each node's fallback order of zones, as Linux's build_zonelists makes it: nodes by distance
 * (nearest first, then lower id), and within a node its zones from the highest down. A request
 * walks the list skipping zones above its highest allowed zone. {@code __GFP_THISNODE} uses the
 * node's own zones only (ZONELIST_NOFALLBACK).
 *
 * <p>Public to read: the NUMA experiment's placement policies walk a node's fallback order.
 */
public final class Zonelists {
  private final Zone[][] fallback;
  private final Zone[][] thisNode;

  Zonelists(Node[] nodes, MachineConfig config) {
    fallback = new Zone[nodes.length][];
    thisNode = new Zone[nodes.length][];
    for (Node n : nodes) {
      List<Node> order = new ArrayList<>(List.of(nodes));
      order.sort(Comparator.<Node>comparingInt(o -> config.distance(n.id(), o.id())).thenComparingInt(Node::id));
      List<Zone> list = new ArrayList<>();
      for (Node o : order) {
        list.addAll(highestFirst(o));
      }
      fallback[n.id()] = list.toArray(Zone[]::new);
      thisNode[n.id()] = highestFirst(n).toArray(Zone[]::new);
    }
  }

  private static List<Zone> highestFirst(Node n) {
    List<Zone> zs = new ArrayList<>(n.zones());
    java.util.Collections.reverse(zs);
    return zs;
  }

  /** The zonelist of node {@code nid}: the shared array, not to be changed. */
  Zone[] of(int nid, boolean thisNodeOnly) {
    return thisNodeOnly ? thisNode[nid] : fallback[nid];
  }

  /** The zonelist of node {@code nid}, as a list. */
  public List<Zone> zonelist(int nid, boolean thisNodeOnly) {
    return List.of(of(nid, thisNodeOnly));
  }

  /** The first populated zone a request limited to {@code highest} would try, or null. */
  Zone preferred(Zone[] zonelist, ZoneType highest) {
    for (Zone z : zonelist) {
      if (z.type().ordinal() <= highest.ordinal() && z.populated()) {
        return z;
      }
    }
    return null;
  }
}
