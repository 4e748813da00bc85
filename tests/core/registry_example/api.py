from ninja import Router

router = Router(tags=["registry example"])


@router.get("/registry-example/ping", auth=None)
def ping(request):
    return {"answer": "pong"}
