using CallCenter.Node.Definition;
using static CallCenter.Node.Tests.Definition.FlowYaml;

namespace CallCenter.Node.Tests.Definition;

/// <summary>Every prompt a flow or a queue plays must be a <c>.wav</c> in the prompts folder, or start-up stops at its line.</summary>
public sealed class PromptSpecs : IDisposable
{
    private readonly TempDirectory _prompts = new();

    public PromptSpecs()
    {
        foreach (var name in new[] { "welcome", "hold-music" })
            System.IO.File.WriteAllBytes(_prompts.File(name + PromptFolder.Extension), []);
    }

    public void Dispose() => _prompts.Dispose();

    private DefinitionException ErrorWith(string yaml) => ErrorIn(yaml, _prompts.Path);

    [Fact]
    public void Loader_should_find_the_prompts_of_a_flow_in_the_prompts_folder()
    {
        var definition = ContactCenterDefinitionLoader.Parse(With("""
            - {id: a, play: [welcome, "number:42"], next: b}
            - {id: b, hangup: true}
            """), FileName, _prompts.Path);

        Assert.Equal("main", Assert.Single(definition.Flows).Name);
    }

    [Fact]
    public void Loader_should_name_the_line_and_the_file_looked_for_of_a_missing_flow_prompt()
    {
        var error = ErrorWith(With("""
            - {id: a, play: [welcome], next: b}
            - id: b
              play:
                - welcome
                - goodbye
              next: c
            - {id: c, hangup: true}
            """));

        AssertAt(error, StepLine(5), $"step 'b' of flow 'main' plays prompt 'goodbye', but {_prompts.File("goodbye.wav")} does not exist");
    }

    [Fact]
    public void Loader_should_look_for_a_menu_invalid_choice_prompt_too()
    {
        AssertAt(ErrorWith(With("""
            - id: a
              menu: {play: [welcome], options: {"1": a}, otherwise: a,
                     invalid: [invalid-choice]}
            """)), StepLine(3), "step 'a' of flow 'main' plays prompt 'invalid-choice'");
    }

    [Fact]
    public void Loader_should_say_when_the_prompts_folder_itself_is_missing()
    {
        var missing = Path.Combine(_prompts.Path, "nowhere");

        var error = ErrorIn(With("""
            - {id: a, play: [welcome], next: b}
            - {id: b, hangup: true}
            """), missing);

        AssertAt(error, StepLine(1), $"{Path.Combine(missing, "welcome.wav")} does not exist (the prompts folder does not exist: set CallCenter:Media:PromptsPath)");
    }

    [Fact]
    public void Loader_should_look_for_the_prompts_of_a_loaded_file_in_the_folder_it_is_given()
    {
        var definition = _prompts.File("callcenter.yaml");
        System.IO.File.WriteAllText(definition, "queues:\n  - name: billing\n    hold: {greeting: [agents-busy]}\n");

        var error = Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.LoadFile(definition, _prompts.Path));

        Assert.Equal((definition, 3), (error.File, error.Line));
        Assert.Contains(_prompts.File("agents-busy.wav"), error.Reason);
    }

    [Fact]
    public void Loader_should_name_the_line_of_a_missing_hold_music()
    {
        AssertAt(ErrorWith("""
            queues:
              - name: billing
                hold:
                  music: jazz
            """), 4, "hold of queue 'billing' plays prompt 'jazz'");
    }

    [Fact]
    public void Loader_should_look_for_the_default_hold_music()
    {
        System.IO.File.Delete(_prompts.File("hold-music.wav"));

        AssertAt(ErrorWith("""
            queues:
              - name: billing
                hold: {announceEverySeconds: 30}
            """), 3, "hold of queue 'billing' plays prompt 'hold-music'");
    }

    [Fact]
    public void Loader_should_name_the_line_of_a_missing_hold_greeting()
    {
        AssertAt(ErrorWith("""
            queues:
              - name: billing
                hold:
                  greeting:
                    - welcome
                    - agents-busy
            """), 6, "hold of queue 'billing' plays prompt 'agents-busy'");
    }

    [Fact]
    public void Loader_should_name_the_line_of_a_missing_recording_announcement()
    {
        AssertAt(ErrorWith("""
            queues:
              - name: billing
                recording:
                  announcement: recorded
            """), 4, "recording of queue 'billing' plays prompt 'recorded'");
    }
}
