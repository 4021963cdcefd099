package com.example.classifier.api.upload;

import java.io.IOException;
import java.util.Set;

import com.example.classifier.api.queue.BodyProgress;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bounds how long a request body may take, so slow senders cannot hold a request thread or a place in the queue:
 * a pause longer than {@code upload.read-timeout} ends the read (Tomcat's upload timeout: its blocked read is the only
 * thing that can end it), and a body still arriving after {@code upload.body-timeout} is cut off at its next read
 * ({@link BodyWatch}). Both answer 408 and close the connection. Before, 20 clients sending one byte every 10 s held
 * every place in the queue (the bound is 16 until answers are measured), and every other upload got 503.
 */
@Component
class UploadReadLimits implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

	private final UploadProperties properties;

	UploadReadLimits(UploadProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				// Used for reads once the headers are in; the connection timeout still governs idle keep-alives.
				http.setDisableUploadTimeout(false);
				http.setConnectionUploadTimeout((int) this.properties.readTimeout().toMillis());
			}
		});
		factory.addEngineValves(new WatchBodies());
	}

	/** Puts a {@link BodyWatch} between the connection and the request's body, for the request's own dispatch. */
	private final class WatchBodies extends ValveBase {

		WatchBodies() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			if (!WITH_BODY.contains(request.getMethod()) || request.getAttribute(BodyProgress.ATTRIBUTE) != null) {
				getNext().invoke(request, response);
				return;
			}
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			BodyWatch watch = new BodyWatch(coyote.getInputBuffer(), coyote.getContentLengthLong(),
					UploadReadLimits.this.properties.bodyTimeout());
			coyote.setInputBuffer(watch);
			request.setAttribute(BodyProgress.ATTRIBUTE, watch);
			try {
				getNext().invoke(request, response);
			}
			finally {
				// Tomcat keeps the processor's input buffer for the connection's next request.
				coyote.setInputBuffer(watch.connection());
				if (watch.timedOut()) {
					// Close once the 408 is sent, without reading the rest of the body first: Tomcat drains an
					// unread body (server.tomcat.max-swallow-size) with the same upload timeout, so a sender that
					// stopped kept its connection (and a request thread) 4.8-5.0 s after its 408 (SlowClientTests).
					coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
				}
			}
		}

	}

}
