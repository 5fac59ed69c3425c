using Microsoft.Extensions.Options;

namespace RealtimeGrains.Gateway;

/// <summary>Validates <see cref="UpstreamOptions"/> at start-up, naming the setting at fault.</summary>
internal sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        const string S = UpstreamOptions.SectionName;
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Kind))
        {
            failures.Add($"{S}:Kind must be Simulator, AzureOpenAI or OpenAI.");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http" or "wss" or "ws")))
        {
            failures.Add($"{S}:Endpoint must be an absolute http(s) or ws(s) address.");
        }

        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            failures.Add($"{S}:Deployment is required.");
        }

        switch (options.Kind)
        {
            case UpstreamKind.AzureOpenAI:
                if (options.Endpoint is null)
                {
                    failures.Add($"{S}:Endpoint is required for Azure OpenAI (https://NAME.openai.azure.com).");
                }

                if (string.IsNullOrEmpty(options.ApiKey) == !options.UseEntraId)
                {
                    failures.Add($"{S}:ApiKey or {S}:UseEntraId (exactly one) is required for Azure OpenAI.");
                }

                break;
            case UpstreamKind.OpenAI:
                if (string.IsNullOrEmpty(options.ApiKey))
                {
                    failures.Add($"{S}:ApiKey is required for OpenAI.");
                }

                if (options.UseEntraId)
                {
                    failures.Add($"{S}:UseEntraId applies to Azure OpenAI only.");
                }

                break;
            default:
                if (!options.SimulatorPath.StartsWith('/'))
                {
                    failures.Add($"{S}:SimulatorPath must start with '/'.");
                }

                break;
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{S}:ConnectTimeout must be between 00:00:00 and 00:05:00 (exclusive of zero).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
