#!/usr/bin/env python3
"""Where a traced process's threads spent their time: reads the Speedscope file dotnet-trace writes for
--profile dotnet-sampled-thread-time --format Speedscope and prints the frames that took the most time.
Thread-time sampling stamps every thread, busy or blocked, and ends each stack with a pseudo frame: CPU_TIME
(running managed code) or UNMANAGED_CODE_TIME (in native code: a syscall such as sendto or recvfrom, which on
loopback does the receiver's work too, or a blocking wait). Stacks that sit in a known wait (a thread pool
worker parked, the socket engine's epoll_wait, timers, the blocking SIP receive, the console logger's queue)
are counted apart as waiting;
the rest is charged to its innermost managed frame ("self"), and the frames named in FOCUS are also given
inclusively. Prints milliseconds of thread time and % of the busy (not waiting) time.
Usage: speedscope-top.py FILE.speedscope.json [TOP]        (TOP default 25)
"""
import collections
import json
import sys

PSEUDO = ("CPU_TIME", "UNMANAGED_CODE_TIME")
# A stack whose innermost managed frame is one of these is a thread waiting for work, not doing it.
WAITS = (
    "LowLevelLifoSemaphore.Wait",
    "WaitHandle.Wait",
    "Monitor.Wait",
    "TimerQueue.TimerThread",
    "Heartbeat.TimerLoop",
    "GateThread.GateThreadStart",
    "Thread.Sleep",
    "SocketAsyncEngine.EventLoop",
    "ManualResetEventSlim.Wait",
    "SemaphoreSlim.Wait",
    "LowLevelLifoSemaphore",
    "ConsoleLoggerProcessor.TryDequeue",
    "SingleThreadEventExecutor.PollTask",
)
# The SIP channel's blocking receive: waiting when that thread is in recvfrom.
BLOCKING_RECEIVE = ("UdpChannel.ReceiveLoop", "SocketPal.TryCompleteReceiveFrom")
FOCUS = (
    "DatagramReceiver+<RunAsync>",
    "DatagramReceiver.Deliver",
    "RtpEndpoint.OnRtp",
    "RtpEndpoint.UpdateStatistics",
    "RtpRelay.Forward",
    "RtpEndpoint.SendTo",
    "SocketPal.TryCompleteSendTo",
    "SocketPal.TryCompleteReceiveFrom",
    "SocketAsyncContext.ReceiveFrom",
    "SocketAsyncEngine.System.Threading.IThreadPoolWorkItem.Execute",
    "ThreadPoolWorkQueue.Dispatch",
    "Akka.",
    "GC",
)


def short(name):
    """Module!Namespace.Type.Method(args) -> Type.Method"""
    name = name.split("!", 1)[-1]
    name = name.split("(", 1)[0]
    parts = name.split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 else name


def main(path, top):
    with open(path) as f:
        data = json.load(f)
    names = [frame["name"] for frame in data["shared"]["frames"]]
    self_time = collections.Counter()
    focus = collections.Counter()
    kinds = collections.Counter()
    waiting = busy = 0.0
    for profile in data["profiles"]:
        stack, last = [], profile["startValue"]
        for event in profile["events"]:
            span = event["at"] - last
            last = event["at"]
            if stack and span > 0:
                leaf = names[stack[-1]]
                managed = [names[i] for i in stack if names[i] not in PSEUDO and names[i] != "?!?"]
                inner = managed[-1] if managed else leaf
                if leaf not in PSEUDO:
                    pass  # an open frame with no pseudo leaf yet: same instant as the next event
                elif leaf == "UNMANAGED_CODE_TIME" and (any(w in inner for w in WAITS) or (
                        BLOCKING_RECEIVE[1] in inner and any(BLOCKING_RECEIVE[0] in m for m in managed))):
                    waiting += span
                else:
                    busy += span
                    kinds[leaf] += span
                    self_time[(inner, leaf)] += span
                    seen = set()
                    for frame in managed:
                        for key in FOCUS:
                            if key in frame and (key, frame) not in seen:
                                seen.add((key, frame))
                                focus[short(frame) if key not in ("Akka.", "GC") else key] += span
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    total = waiting + busy
    print(f"threads: {len(data['profiles'])}; thread time {total:.0f} ms, waiting {waiting:.0f} ms, busy {busy:.0f} ms "
          f"(managed {kinds['CPU_TIME']:.0f} ms, native incl. syscalls {kinds['UNMANAGED_CODE_TIME']:.0f} ms)")
    if busy <= 0:
        return
    print(f"top {top} by self time (innermost managed frame; 'native' = time below it in native code):")
    for (frame, leaf), span in self_time.most_common(top):
        kind = "managed" if leaf == "CPU_TIME" else "native"
        print(f"  {span:9.0f} ms {span * 100 / busy:5.1f}%  {kind:7}  {frame.split('!', 1)[-1][:150]}")
    print("inclusive, frames of interest (a frame recursing or several matching overlap):")
    for frame, span in focus.most_common():
        print(f"  {span:9.0f} ms {span * 100 / busy:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
