using CallCenter.Node.Customers;

namespace CallCenter.Node.Tests.Customers;

/// <summary>The import file: RFC 4180 CSV with the header phone,name,account,notes.</summary>
public sealed class CustomerCsvSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CustomerCsv_should_read_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var content = CustomerCsv.Parse(
            "phone,name,account,notes\r\n+1 555 0100,\"Example, Ada\",A-1,\"said \"\"call back\"\"\r\nafter 5\"\r\n5550101,Bob,,\r\n", Now);

        Assert.Null(content.Error);
        Assert.Empty(content.Rejected);
        Assert.Equal(
            [new Customer("+15550100", "Example, Ada", "A-1", "said \"call back\"\r\nafter 5", Now), new Customer("5550101", "Bob", null, null, Now)],
            content.Customers);
    }

    [Fact]
    public void CustomerCsv_should_report_bad_lines_by_their_number_and_keep_the_good_ones()
    {
        var content = CustomerCsv.Parse("phone,name,account,notes\n5550100,Ada,,\"two\nlines\"\nno digits,Bob,,\n5550102,,,\n5550103,Cy\n\n5550104,Di,,\n", Now);

        Assert.Equal(["5550100", "5550104"], content.Customers.Select(c => c.Phone));
        Assert.Equal(
            [new RejectedLine(4, "phone must contain digits"), new RejectedLine(5, "name must not be empty"), new RejectedLine(6, "expected 4 fields, found 2")],
            content.Rejected);
    }

    [Fact]
    public void CustomerCsv_should_refuse_a_file_without_the_header()
    {
        var content = CustomerCsv.Parse("5550100,Ada,,\n", Now);

        Assert.Contains("header", content.Error);
    }

    [Fact]
    public void CustomerCsv_should_refuse_a_file_none_of_whose_lines_can_be_imported()
    {
        var content = CustomerCsv.Parse("phone,name,account,notes\nx,Ada,,\n", Now);

        Assert.NotNull(content.Error);
        Assert.Equal([new RejectedLine(2, "phone must contain digits")], content.Rejected);
    }

    [Fact]
    public void CustomerCsv_should_report_an_unclosed_quote_on_the_line_its_record_starts()
    {
        var content = CustomerCsv.Parse("phone,name,account,notes\n5550100,Ada,,\n5550101,\"Bob,,\nmore\n", Now);

        Assert.Equal([new RejectedLine(3, "a quoted field is not closed")], content.Rejected);
        Assert.Single(content.Customers);
    }

    [Fact]
    public void CustomerCsv_should_read_every_line_of_the_shipped_sample()
    {
        var content = CustomerCsv.Parse(File.ReadAllText(RepositoryFiles.SampleCustomers), Now);

        Assert.Equal((null, 0, 5), (content.Error, content.Rejected.Count, content.Customers.Count));
        Assert.Contains(content.Customers, c => c is { Phone: "+34911000077", Notes: "Spanish-speaking\nRenewal due in March" });
    }
}
