using CallCenter.Node.Auth;
using CallCenter.Node.Customers;

namespace CallCenter.Node.Api;

/// <summary>The customer directory: records by phone number, their call history, and a CSV import.</summary>
public static class CustomersApi
{
    /// <summary>Interactions shown with a record: enough for a screen pop.</summary>
    public const int RecentInteractions = 10;

    /// <summary>Most interactions one history request answers.</summary>
    public const int MaxInteractions = 100;

    /// <summary>An import file's largest size; a directory of ~20,000 customers fits.</summary>
    public const int MaxImportBytes = 4 * 1024 * 1024;

    /// <summary>All under one group, so that sign-in can be required of the whole directory in one place.</summary>
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("customers").RequireSignIn();
        customers.MapPost("/import", ImportAsync)
            .RequireAdmin()
            .WithName("ImportCustomers").WithSummary("Imports customer records from a CSV file (phone,name,account,notes).")
            .Accepts<string>("text/csv")
            .Produces<CustomerImport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        customers.MapGet("/{phone}", GetAsync)
            .WithName("GetCustomer").WithSummary("The customer calling from a number, with their latest interactions (the screen pop).")
            .Produces<CustomerCard>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPut("/{phone}", PutAsync)
            .RequireSupervisor()
            .WithName("PutCustomer").WithSummary("Creates or updates the customer record of a number.")
            .Accepts<CustomerRequest>("application/json")
            .Produces<Customer>(StatusCodes.Status201Created)
            .Produces<Customer>()
            .ProducesValidationProblem();
        customers.MapGet("/{phone}/interactions", InteractionsAsync)
            .WithName("GetCustomerInteractions").WithSummary("A number's calls, newest first: outcome, queue, agent, disposition and notes.")
            .Produces<CustomerInteraction[]>()
            .ProducesValidationProblem();
        return customers;
    }

    private static async Task<IResult> GetAsync(string phone, ICustomerStore store, CancellationToken cancellation)
    {
        var number = PhoneNumber.Normalise(phone);
        if (number.Length == 0 || await store.FindAsync(number, cancellation) is not { } customer)
            return Problems.NotFound("customer", phone);
        var interactions = await store.InteractionsAsync(number, RecentInteractions, cancellation);
        return Results.Ok(new CustomerCard(customer.Phone, customer.Name, customer.Account, customer.Notes, customer.UpdatedAt, interactions));
    }

    private static async Task<IResult> PutAsync(string phone, HttpRequest request, ICustomerStore store, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        var name = body.String("name", required: true, maxLength: CustomerLimits.Name);
        var account = body.String("account", maxLength: CustomerLimits.Account);
        var notes = body.String("notes", maxLength: CustomerLimits.Notes);
        foreach (var (field, reason) in CustomerLimits.Check(phone, "-", null, null))
            body.Fail(field, reason);
        if (!body.Valid)
            return body.Problem();
        var customer = new Customer(PhoneNumber.Normalise(phone), name!.Trim(), account, notes, clock.GetUtcNow());
        var created = await store.UpsertAsync(customer, request.HttpContext.RequestAborted);
        return created ? Results.Created($"/api/customers/{Uri.EscapeDataString(customer.Phone)}", customer) : Results.Ok(customer);
    }

    private static async Task<IResult> InteractionsAsync(string phone, ICustomerStore store, CancellationToken cancellation, int? limit)
    {
        var number = PhoneNumber.Normalise(phone);
        if (number.Length == 0)
            return Problems.BadBody("phone", "must contain digits");
        if (limit is < 1 or > MaxInteractions)
            return Problems.BadBody("limit", $"must be between 1 and {MaxInteractions}");
        return Results.Ok(await store.InteractionsAsync(number, limit ?? RecentInteractions, cancellation));
    }

    /// <summary>
    /// A <c>text/csv</c> body (see <see cref="CustomerCsv"/>): good lines are stored in one transaction, bad
    /// ones reported by number; a file with no good line at all is a 400 problem.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, ICustomerStore store, TimeProvider clock)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be text/csv",
                detail: $"Send the file with Content-Type: text/csv (header {string.Join(',', CustomerCsv.Header)}).");
        if (request.ContentLength > MaxImportBytes)
            return Problems.BadBody("body", $"the file is larger than {MaxImportBytes} bytes");
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaxImportBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        if (read > MaxImportBytes)
            return Problems.BadBody("body", $"the file is larger than {MaxImportBytes} bytes");

        var content = CustomerCsv.Parse(new string(buffer, 0, read), clock.GetUtcNow());
        if (content.Error is not null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be imported", detail: content.Error,
                extensions: new Dictionary<string, object?> { ["rejected"] = content.Rejected });
        var imported = await store.UpsertAllAsync(content.Customers, request.HttpContext.RequestAborted);
        return Results.Ok(new CustomerImport(imported, content.Customers.Count - imported, content.Rejected));
    }
}

/// <summary>A customer's record with their latest interactions.</summary>
public sealed record CustomerCard(
    string Phone, string Name, string? Account, string? Notes, DateTimeOffset UpdatedAt, IReadOnlyList<CustomerInteraction> Interactions);

/// <summary>What a CSV import did: records new, records updated, lines refused with their reasons.</summary>
public sealed record CustomerImport(int Imported, int Updated, IReadOnlyList<RejectedLine> Rejected);

/// <summary>The body of <c>PUT /api/customers/{phone}</c>.</summary>
public sealed record CustomerRequest(string Name, string? Account, string? Notes);
