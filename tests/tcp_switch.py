#!/usr/bin/env python3
"""tcp_switch.py LISTEN PORT_A PORT_B K: a TCP relay on 127.0.0.1:LISTEN that sends the first
K connections to PORT_A and every later one to PORT_B, to give one of a client's connections
a different server. Runs until killed."""
import asyncio, sys

listen, port_a, port_b, k = (int(a) for a in sys.argv[1:5])
count = 0


async def pump(r, w):
    try:
        while data := await r.read(65536):
            w.write(data)
            await w.drain()
    finally:
        w.close()


async def handle(cr, cw):
    global count
    count += 1
    sr, sw = await asyncio.open_connection("127.0.0.1", port_a if count <= k else port_b)
    await asyncio.gather(pump(cr, sw), pump(sr, cw), return_exceptions=True)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()

asyncio.run(main())
