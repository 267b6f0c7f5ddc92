using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PeerCircle.Bench.Pages;

/// <summary>
/// Inserts entities built by the domain's own constructors and methods straight into SQLite with one
/// prepared INSERT per table, reading tables, columns, value converters and parameter types from the EF
/// Core model: the rows are exactly what <c>SaveChanges</c> would write, at a fraction of the cost (no
/// change tracking, no per-row SQL generation). Commits every <see cref="BatchSize"/> rows.
/// </summary>
internal sealed class BulkInserter : IDisposable
{
    private const int BatchSize = 50_000;

    private readonly DbContext _db;
    private readonly DbConnection _connection;
    private readonly Dictionary<Type, Table> _tables = [];
    private DbTransaction _transaction;
    private int _pending;

    public BulkInserter(DbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        _transaction = _connection.BeginTransaction();
    }

    public long Rows { get; private set; }

    public Dictionary<string, long> RowsByTable { get; } = new(StringComparer.Ordinal);

    public void Add(object entity)
    {
        var table = TableFor(entity.GetType());
        foreach (var (property, parameter, converter) in table.Columns)
        {
            var value = property.GetGetter().GetClrValue(entity);
            if (value is not null && converter is not null)
            {
                value = converter(value);
            }

            parameter.Value = value ?? DBNull.Value;
        }

        table.Command.ExecuteNonQuery();
        Rows++;
        RowsByTable[table.Name] = RowsByTable.GetValueOrDefault(table.Name) + 1;
        if (++_pending >= BatchSize)
        {
            Commit();
            _transaction = _connection.BeginTransaction();
            foreach (var t in _tables.Values)
            {
                t.Command.Transaction = _transaction;
            }
        }
    }

    public void AddRange(IEnumerable<object> entities)
    {
        foreach (var entity in entities)
        {
            Add(entity);
        }
    }

    public void Commit()
    {
        _transaction.Commit();
        _transaction.Dispose();
        _pending = 0;
    }

    public void Dispose()
    {
        foreach (var table in _tables.Values)
        {
            table.Command.Dispose();
        }

        _transaction.Dispose();
    }

    private Table TableFor(Type type)
    {
        if (_tables.TryGetValue(type, out var table))
        {
            return table;
        }

        var entityType = _db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
        var storeObject = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(storeObject) is not null).ToList();
        var shadow = properties.Where(p => p.IsShadowProperty()).Select(p => p.Name).ToList();
        if (shadow.Count > 0)
        {
            throw new InvalidOperationException($"{type.Name} has shadow properties ({string.Join(", ", shadow)}): the bulk inserter cannot read them.");
        }

        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var columns = new List<(IProperty, DbParameter, Func<object, object?>?)>();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "$p" + i, null, nullable: true);
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, mapping.Converter is { } converter ? converter.ConvertToProvider : null));
        }

        command.CommandText = $"INSERT INTO \"{name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(storeObject)}\""))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => "$p" + i))})";
        command.Prepare();
        table = new Table(name, command, columns);
        _tables[type] = table;
        return table;
    }

    private sealed record Table(string Name, DbCommand Command, List<(IProperty Property, DbParameter Parameter, Func<object, object?>? Converter)> Columns);
}
