package com.example.classifier.api.web;

/** A form post without the page's CSRF token: forged by another site, or sent from a page older than the cookie. */
class CsrfRejectedException extends RuntimeException {

	CsrfRejectedException() {
		super("The form's security token is missing or does not match");
	}

}
