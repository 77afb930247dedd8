/** The servlet adapter of {@link io.xfs.common.auth.sigv4.SignableRequest}, for the services served by Tomcat. */
@NullMarked
package io.xfs.common.auth.servlet;

import org.jspecify.annotations.NullMarked;
