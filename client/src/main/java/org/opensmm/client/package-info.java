/**
 * A client for SMM panels that speak "API v2" (see PROTOCOL.md): one {@link org.opensmm.client.PanelClient} per panel,
 * typed requests ({@link org.opensmm.client.AddOrder}) and typed, leniently read replies. Every call returns an
 * {@link org.opensmm.client.Outcome}: Ok, Rejected (the panel said no, nothing happened) or NoReply (unknown: an add
 * may have been carried out, so it must not be resent blindly).
 */
package org.opensmm.client;
