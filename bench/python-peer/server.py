"""The peer the benchmarks compare with: a server in the original's architecture.

grpcio's asyncio server and the standard library's sqlite3 (WAL, synchronous=NORMAL: the
durability this app has), serving CreateOrder, ReadOrder and ListOrders (newest 50, no
count) of order.OrderService with the same wire contract. Debian ships no grpc-tools, so the
few messages are encoded and decoded by hand (proto3 wire format) instead of generated.

    /usr/bin/python3 bench/python-peer/server.py PORT DATABASE_FILE [NORMAL|FULL]

FULL syncs every commit (survives a power loss), as the app and the bare server do with the
same setting.

Prints "ready PORT" once serving (port 0 binds any free one); answers SIGTERM by stopping.
"""
import asyncio
import datetime
import signal
import sqlite3
import sys
import uuid

import grpc


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire_type, payload):
    key = varint(number << 3 | wire_type)
    if wire_type == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def fields(data):
    """Yields (number, value) of a message: ints for varints, bytes for length-delimited."""
    i = 0
    while i < len(data):
        key, i = read_varint(data, i)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, i = read_varint(data, i)
        elif wire_type == 2:
            length, i = read_varint(data, i)
            value, i = data[i : i + length], i + length
        else:
            raise ValueError("unexpected wire type")
        yield number, value


def read_varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, i
        shift += 7


def timestamp(iso):
    moment = datetime.datetime.fromisoformat(iso)
    seconds = int(moment.timestamp())
    nanos = moment.microsecond * 1000
    return field(1, 0, seconds) + (field(2, 0, nanos) if nanos else b"")


def order_message(row):
    order_uuid, name, completed, date, create_time, update_time = row
    return (
        field(1, 2, order_uuid.encode())
        + field(2, 2, name.encode())
        + (field(3, 0, 1) if completed else b"")
        + field(4, 2, date.encode())
        + field(5, 2, timestamp(create_time))
        + field(6, 2, timestamp(update_time))
    )


OK = field(1, 0, 1)  # notification_type = ORDER_NOTIFICATION_TYPE_ENUM_OK
COLUMNS = "uuid, name, completed, date, create_time, update_time"


class Orders:
    def __init__(self, path, synchronous):
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = " + ("FULL" if synchronous == "FULL" else "NORMAL"))
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS orders (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, completed INTEGER NOT NULL,"
            " date TEXT NOT NULL, create_time TEXT NOT NULL, update_time TEXT NOT NULL)"
        )
        self.db.execute("CREATE INDEX IF NOT EXISTS orders_date ON orders (date, uuid)")

    async def create_order(self, request, context):
        values = dict(fields(request))
        name = values.get(1, b"").decode().strip()
        if not name:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "name is required")
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        date = values.get(3, b"").decode() or now
        row = (str(uuid.uuid4()), name, 1 if values.get(2) else 0, date, now, now)
        self.db.execute(f"INSERT INTO orders ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", row)
        return OK + field(2, 2, order_message(row))

    async def read_order(self, request, context):
        order_uuid = dict(fields(request)).get(1, b"").decode()
        row = self.db.execute(f"SELECT {COLUMNS} FROM orders WHERE uuid = ?", (order_uuid,)).fetchone()
        if row is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "order not found")
        return OK + field(2, 2, order_message(row))

    async def list_orders(self, request, context):
        rows = self.db.execute(f"SELECT {COLUMNS} FROM orders ORDER BY date DESC, uuid DESC LIMIT 50").fetchall()
        return OK + b"".join(field(2, 2, order_message(row)) for row in rows)


async def serve(port, path, synchronous):
    orders = Orders(path, synchronous)
    bytes_in_out = {"request_deserializer": None, "response_serializer": None}
    handler = grpc.method_handlers_generic_handler(
        "order.OrderService",
        {
            "CreateOrder": grpc.unary_unary_rpc_method_handler(orders.create_order, **bytes_in_out),
            "ReadOrder": grpc.unary_unary_rpc_method_handler(orders.read_order, **bytes_in_out),
            "ListOrders": grpc.unary_unary_rpc_method_handler(orders.list_orders, **bytes_in_out),
        },
    )
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print(f"ready {port}", flush=True)
    await stop.wait()
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "NORMAL"))
