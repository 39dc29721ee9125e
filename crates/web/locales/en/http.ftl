# Tessera, English: refusals the framework makes before a handler runs (issue 10, error_shape.rs).

error-method-not-allowed = This address does not accept this kind of request.
error-request = The request could not be read. Check the address and the body.
