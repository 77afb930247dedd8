/**
 * TLS for every xfs port and every call between services (docs/operations.md, "TLS"): one {@link
 * io.xfs.common.tls.Tls} per service, made from the service's Spring Boot SSL bundle (PEM files), serves the
 * Netty API port and secures the internal clients; Tomcat's ports take the same bundle directly.
 */
@NullMarked
package io.xfs.common.tls;

import org.jspecify.annotations.NullMarked;
