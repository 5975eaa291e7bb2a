using CallCenter.Bench.Realtime;

// Connects N SignalR clients to a running node, each watching its own agent, then toggles agents'
// states over HTTP and times each push. bench/realtime-load.sh starts the node and runs this.
var options = LoadOptions.Parse(args);
var result = await new RealtimeLoad(options).RunAsync();
Console.WriteLine(result);
return result.Connected == options.Agents ? 0 : 1;
