"""Frozen records: ``@dataclass(frozen=True, slots=True)`` without importing dataclasses.

``masterytui add`` and ``status`` are start-up and imports more than work, and
:mod:`dataclasses` (with :mod:`inspect`, :mod:`ast`, :mod:`dis`, :mod:`tokenize`) plus the
code it generates for every class were a sixth of it. :func:`record` makes the same class
(fields from the annotations, defaults, ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``,
``__slots__``, frozen) with a generated ``__init__`` and nothing imported; :func:`maker`
gives the same object made from every field's value without the call through ``__init__``.
The generated functions of a kind of record are compiled the first time one is made (or its
maker asked for): compiling them was most of what the two dozen kinds cost to import.

The records stay dataclasses to the rest of the code: ``dataclasses.replace``, ``fields``,
``asdict`` and ``is_dataclass`` work on them, through a ``__dataclass_fields__`` made by
:mod:`dataclasses` itself the first time one of them asks (so only code that already imports
dataclasses pays for it).
"""

from __future__ import annotations

from collections.abc import Callable

# ``typing`` costs a few milliseconds to import, a tenth of what ``masterytui add`` may spend
# before it touches the file (issue #16); nothing on that path imports it at run time. Each
# module names its types under ``if TYPE_CHECKING:`` (a name mypy takes as true), with
# ``TYPE_CHECKING = False`` rather than imported from typing, and run-time aliases spell
# typing's names as strings (``dict[str, "Any"]``).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


_MISSING = object()


class _DataclassFields:
    """``cls.__dataclass_fields__``, made by dataclasses from a shadow of the class on first use."""

    def __get__(self, obj: object, cls: type) -> dict[str, Any]:
        from dataclasses import dataclass

        made: Any = cls
        spec: dict[str, Any] = {"__annotations__": dict(made.__record_types__)}
        spec.update(made.__record_defaults__)
        shadow: Any = dataclass(frozen=True)(type(cls.__name__, (), spec))
        fields: dict[str, Any] = shadow.__dataclass_fields__
        type.__setattr__(cls, "__dataclass_fields__", fields)
        return fields


def _eq(self: Any, other: object) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen(self: Any, name: str, value: Any = None) -> None:
    raise AttributeError(f"cannot assign to field {name!r}")  # as dataclasses' FrozenInstanceError


def _getstate(self: Any) -> tuple[Any, ...]:
    return _values(self)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for name, value in zip(self.__record_fields__, state, strict=True):
        object.__setattr__(self, name, value)


def _values(item: Any) -> tuple[Any, ...]:
    return tuple(getattr(item, name) for name in item.__record_fields__)


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """The class as ``@dataclass(frozen=True, slots=True)`` would make it (fields with plain
    defaults only: no ``field()``, no ``ClassVar``)."""
    # The class's own annotations (strings, as ``from __future__ import annotations`` leaves
    # them): inspect.get_annotations would import inspect, which is what this module avoids.
    types: dict[str, Any] = dict(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
    names = tuple(types)
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    params, seen_default = [], False
    for name in names:
        if name in defaults:
            params.append(f"{name}=__defaults__[{name!r}]")
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
        else:
            params.append(name)
    # Each field is set through its slot's own setter (bound once the class exists: the
    # functions read them from ``scope`` when called), not ``object.__setattr__`` looking it
    # up by name: a quarter less to make a record, and a file makes tens of thousands.
    sets = "".join(f"    __set_{i}__(self, {name})\n" for i, name in enumerate(names))
    source = (
        f"def __init__(self, {', '.join(params)}):\n{sets}    pass\n"
        f"def __make__({', '.join(names)}):\n    self = __new__(__cls__)\n{sets}    return self\n"
    )

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        # Compiling the generated functions is most of what a record costs to create, and
        # `add` makes few of the two dozen kinds: each kind's are compiled when first used.
        _compiled(made)(self, *args, **kwargs)

    spec = {k: v for k, v in cls.__dict__.items() if k not in names and k != "__dict__"}
    spec.pop("__weakref__", None)
    spec.update(
        __slots__=names,
        __init__=__init__,
        __eq__=_eq,
        __hash__=_hash,
        __repr__=_repr,
        __setattr__=_frozen,
        __delattr__=_frozen,
        __getstate__=_getstate,
        __setstate__=_setstate,
        __match_args__=names,
        __record_fields__=names,
        __record_types__=types,
        __record_defaults__=defaults,
        __record_source__=source,
        __dataclass_fields__=_DataclassFields(),
    )
    kind: Any = type(cls)
    made: type[T] = kind(cls.__name__, cls.__bases__, spec)
    made.__qualname__ = cls.__qualname__
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return made


def _compiled(cls: Any) -> Callable[..., None]:
    """``cls``'s generated ``__init__``, compiled (with its ``__make__``) on first use."""
    if "__record_make__" in cls.__dict__:
        init: Callable[..., None] = cls.__dict__["__init__"]
        return init
    names = cls.__record_fields__
    scope: dict[str, Any] = {
        "__defaults__": cls.__record_defaults__,
        "__new__": object.__new__,
        "__cls__": cls,
    }
    scope.update({f"__set_{i}__": cls.__dict__[name].__set__ for i, name in enumerate(names)})
    exec(cls.__record_source__, scope)  # the generated functions, as dataclasses generates them
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    make = scope["__make__"]
    make.__qualname__ = f"{cls.__qualname__}.__make__"
    type.__setattr__(cls, "__init__", init)
    type.__setattr__(cls, "__record_make__", staticmethod(make))
    return init


def maker(cls: Callable[..., T]) -> Callable[..., T]:
    """What makes a record of ``cls`` from every field's value, in the fields' order: the
    object ``cls(...)`` would make, without the call going through ``__init__`` (for the
    tens of thousands ``from_doc`` makes when a file opens)."""
    _compiled(cls)
    make: Callable[..., T] = cls.__record_make__  # type: ignore[attr-defined]
    return make


def lazy_maker(cls: Callable[..., T], scope: dict[str, Any], name: str) -> Callable[..., T]:
    """:func:`maker` for the global ``name`` of module ``scope``: compiled the first time it
    is called, when ``name`` is rebound to it (later calls go straight to it), so importing
    the model compiles no maker ``add`` never calls."""

    def first(*values: Any) -> T:
        make = maker(cls)
        scope[name] = make
        return make(*values)

    return first


def as_dict(item: Any) -> dict[str, Any]:
    """A record's fields as a dict, as ``dataclasses.asdict`` makes it (nested records too)."""
    return {name: _plain(getattr(item, name)) for name in item.__record_fields__}


def _plain(value: Any) -> Any:
    if hasattr(type(value), "__record_fields__"):
        return as_dict(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def replace(item: T, /, **changes: Any) -> T:
    """``dataclasses.replace``, without importing dataclasses for a record."""
    names = getattr(type(item), "__record_fields__", None)
    if names is None:
        import dataclasses

        return dataclasses.replace(item, **changes)  # type: ignore[type-var]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(item).__name__} has no field {sorted(unknown)[0]!r}")
    values = {name: getattr(item, name) for name in names}
    values.update(changes)
    made: T = type(item)(**values)
    return made
