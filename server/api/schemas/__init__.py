"""Response models of the REST API, one module per domain (request models live beside
their routes). Each is registered in the OpenAPI document by `server.api.validation`
`response_model`, exported as JSON Schema by `server.contract`, and checked against real
answers in tests/api/test_wire_contract.py."""
